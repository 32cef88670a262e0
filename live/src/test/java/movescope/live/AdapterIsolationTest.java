package movescope.live;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.lang.ArchRule;
import movescope.model.protocol.Input;
import movescope.model.protocol.KevyNode;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Live mode touches the model's step API (KevyNode, Input, Effect, ShipFailure) in movescope.live.adapter
 * only, so a change of that API is fixed in one class (docs/live.md).
 */
class AdapterIsolationTest {
    private static final ArchRule RULE = noClasses().that().resideOutsideOfPackage("movescope.live.adapter")
            .should().dependOnClassesThat().haveNameMatching(
                    "movescope\\.model\\.protocol\\.(KevyNode|Input|Effect|ShipFailure)(\\$.*)?");

    @Test
    void onlyTheAdapterUsesTheStepApi() {
        RULE.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("movescope.live"));
    }

    /** A class outside the adapter that steps a KevyNode itself (the planted defect). */
    static final class SneakyStepper {
        Object step(KevyNode n) {
            return n.step(new Input.Crash());
        }
    }

    @Test
    void theRuleBitesOnAClassThatStepsTheModelItself() {
        assertThrows(AssertionError.class, () -> RULE.check(new ClassFileImporter().importClasses(SneakyStepper.class)));
    }
}

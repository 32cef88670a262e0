package movescope.model.protocol;
import java.util.*;
import org.junit.jupiter.api.Test;
class TmpProbe {
    @Test
    void probe() {
        List<String> all = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) all.addAll(DeterminismTest.run(seed, Variant.FIXED));
        for (String needle : List.of("action=ShipRetry,", "action=Commit,", "action=Abort,", "remembered=true", "resumed=true", "migratingRestored=1", "action=Start,", "action=Ingest,"))
            System.out.println(needle + " " + all.stream().filter(s -> s.contains(needle)).count());
    }
}

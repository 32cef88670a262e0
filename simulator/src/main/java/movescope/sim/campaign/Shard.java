package movescope.sim.campaign;

/**
 * One slice of a campaign's seed space, {@code --shard index/count} with {@code index} from 1: run {@code i}
 * belongs to shard {@code (i mod count) + 1}. Interleaved rather than in blocks so that every shard sees
 * early and late runs alike and the shards of a campaign take about the same time.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. @throws IllegalArgumentException saying what was expected */
    public static Shard parse(String text) {
        String[] p = text.split("/", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException("expected a shard as i/n (e.g. 2/8), got \"" + text + "\"");
        }
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a shard as i/n with whole numbers (e.g. 2/8), got \"" + text + "\"");
        }
    }

    public boolean contains(int run) {
        return run % count == index - 1;
    }

    public boolean isAll() {
        return count == 1;
    }

    /** {@code i/n}. */
    public String label() {
        return index + "/" + count;
    }
}

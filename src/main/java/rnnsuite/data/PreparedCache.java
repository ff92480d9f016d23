package rnnsuite.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one cache of prepared data in a process: the local engine, Spark executors, the cost estimate and the
 * word-vector and TF-IDF views all take a dataset from here, so a plan prepares each length's data (and each view
 * of it) once however many arms, seeds and tasks use it. Least recently used entries go beyond {@link #CAPACITY}
 * (a plan runs length by length: a length's data and its two views, and the next length's data, fit; a dataset
 * can weigh hundreds of MB).
 * Loading happens under the lock: concurrent tasks of one length wait for one load instead of each loading.
 */
public final class PreparedCache {

    static final int CAPACITY = 4;

    private static final Map<Object, Entry> ENTRIES = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Cached data and its fingerprints (with and without the test split), each hashed once. */
    private record Entry(PreparedData data, Map<Boolean, String> fingerprints) {
    }

    private PreparedCache() {
    }

    /** The dataset of a spec, prepared once. */
    public static PreparedData get(DataSpec spec) {
        return get(spec, () -> DatasetLoader.load(spec));
    }

    /** The entry under {@code key}, made by {@code make} when absent (keys: a DataSpec, or a record naming a view of one). */
    static synchronized PreparedData get(Object key, Supplier<PreparedData> make) {
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            entry = new Entry(make.get(), new ConcurrentHashMap<>()); // make may itself take an entry (a view of a dataset)
            ENTRIES.put(key, entry);
        }
        return entry.data();
    }

    /**
     * {@link PreparedData#fingerprint(boolean)}, hashed once per cached dataset instead of once per run (a character
     * model's splits hold hundreds of MB of one-hot labels); data not from this cache is hashed each time.
     */
    public static String fingerprint(PreparedData data, boolean withTest) {
        Entry entry;
        synchronized (PreparedCache.class) {
            entry = ENTRIES.values().stream().filter(e -> e.data() == data).findFirst().orElse(null);
        }
        return entry == null ? data.fingerprint(withTest) : entry.fingerprints().computeIfAbsent(withTest, data::fingerprint);
    }

    /**
     * Lets go of every cached dataset: a study of tasks calls it between tasks, which share no data, so one task's
     * arrays (native memory, freed when collected) do not stay beside the next task's.
     */
    public static synchronized void clear() {
        ENTRIES.clear();
    }

    /** How many datasets and views are held. */
    public static synchronized int size() {
        return ENTRIES.size();
    }
}

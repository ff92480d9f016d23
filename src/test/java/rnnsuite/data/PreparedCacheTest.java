package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One cache of prepared data: each spec loaded once, the least recently used dropped beyond capacity (4). */
class PreparedCacheTest {

    @AfterEach
    void empty() {
        PreparedCache.clear();
    }

    private static DataSpec recall(int length) throws Exception {
        return new YAMLMapper().readValue("{dataset: recall, examples: 120, max_len: " + length + "}", DataSpec.class);
    }

    @Test
    void aSpecIsPreparedOnceAndTheLeastRecentlyUsedGoes() throws Exception {
        PreparedData a = PreparedCache.get(recall(8));
        assertSame(a, PreparedCache.get(recall(8)), "an equal spec is served from the cache");
        PreparedData first = PreparedCache.get(recall(9));
        for (int length = 10; length < 8 + PreparedCache.CAPACITY; length++) {
            PreparedCache.get(recall(length)); // fill the cache up
        }
        assertSame(a, PreparedCache.get(recall(8)), "within capacity every entry is kept (8 used last)");
        PreparedCache.get(recall(50)); // one more than the capacity: evicts 9, the least recently used
        assertSame(a, PreparedCache.get(recall(8)));
        assertNotSame(first, PreparedCache.get(recall(9)), "9 was evicted and prepared again");
    }

    /** A cached dataset's fingerprints are its own, with and without the test split; uncached data is hashed as is. */
    @Test
    void fingerprintsAreTheDatasOwn() throws Exception {
        PreparedData cached = PreparedCache.get(recall(8));
        for (boolean withTest : new boolean[] {true, false, true}) {
            assertEquals(cached.fingerprint(withTest), PreparedCache.fingerprint(cached, withTest), "with test " + withTest);
        }
        assertNotEquals(PreparedCache.fingerprint(cached, true), PreparedCache.fingerprint(cached, false));
        PreparedData loose = DatasetLoader.load(recall(9));
        assertEquals(loose.fingerprint(false), PreparedCache.fingerprint(loose, false));
    }
}

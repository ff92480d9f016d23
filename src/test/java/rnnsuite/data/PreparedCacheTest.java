package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One cache of prepared data: each spec loaded once, the least recently used dropped beyond capacity. */
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
        PreparedData b = PreparedCache.get(recall(9));
        assertSame(a, PreparedCache.get(recall(8)), "capacity two: both kept (8 used last)");
        PreparedCache.get(recall(10)); // evicts 9, the least recently used
        assertSame(a, PreparedCache.get(recall(8)));
        assertNotSame(b, PreparedCache.get(recall(9)), "9 was evicted and prepared again");
    }
}

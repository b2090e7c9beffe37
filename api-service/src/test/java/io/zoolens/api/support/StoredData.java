package io.zoolens.api.support;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the service keeps, counted in the embedded MongoDB (documents and GridFS files), and what it costs in
 * memory: the fuzz suites compare these before and after hostile input.
 */
public final class StoredData {

    private static final List<String> COLLECTIONS = List.of(
            "classifications",
            "users",
            "albums",
            "customModels",
            "trainingJobs",
            "originals.files",
            "originals.chunks",
            "thumbnails.files");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StoredData() {}

    /** Document counts of every collection the service writes, in the order of {@link #COLLECTIONS}. */
    public static Counts count(MongoTemplate mongo) {
        return new Counts(COLLECTIONS.stream()
                .map(name -> mongo.getCollection(name).countDocuments())
                .toList());
    }

    /**
     * Bytes allocated so far by all live threads of this JVM (the service runs in it): the difference across one
     * request bounds the memory that request could have held at once.
     */
    public static long allocatedBytes() {
        return totalAllocatedBytes();
    }

    /** Heap in use after a full collection, i.e. what is still referenced. */
    public static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Document counts per collection. */
    public record Counts(List<Long> perCollection) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < COLLECTIONS.size(); i++) {
                text.append(i == 0 ? "" : ", ")
                        .append(COLLECTIONS.get(i))
                        .append('=')
                        .append(perCollection.get(i));
            }
            return text.toString();
        }
    }

    /** Bytes allocated so far by all live threads (Java 17 has no getTotalThreadAllocatedBytes). */
    private static long totalAllocatedBytes() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(bytes, 0);
        }
        return total;
    }
}

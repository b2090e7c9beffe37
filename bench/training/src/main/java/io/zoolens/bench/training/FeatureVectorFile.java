package io.zoolens.bench.training;

import io.zoolens.training.head.LabelledVectors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature vectors of real pictures kept on disk between benchmark runs, as the {@code FeatureCache} keeps them
 * between trainings: extracting 1,000 pictures takes a minute here, training on them a fraction of a second.
 * Rows are stored in class-interleaved order, so a prefix of the file is class-balanced.
 */
final class FeatureVectorFile {

    private static final int MAGIC = 0x5a4c4656; // "ZLFV"

    private FeatureVectorFile() {}

    static void write(Path file, List<String> labels, int[] classes, float[][] vectors) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(labels.size());
            for (String label : labels) {
                out.writeUTF(label);
            }
            out.writeInt(vectors.length);
            out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
            for (int i = 0; i < vectors.length; i++) {
                out.writeInt(classes[i]);
                for (float v : vectors[i]) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Rows stored in the file. */
    static int rows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (DataInputStream in = open(file)) {
            readLabels(in);
            return in.readInt();
        }
    }

    /** The first {@code count} rows. */
    static LabelledVectors read(Path file, int count) throws IOException {
        try (DataInputStream in = open(file)) {
            List<String> labels = readLabels(in);
            int rows = in.readInt();
            int dimension = in.readInt();
            if (count > rows) {
                throw new IOException(file + " holds " + rows + " vectors, not " + count);
            }
            List<String> ids = new ArrayList<>(count);
            int[] classes = new int[count];
            float[][] vectors = new float[count][dimension];
            for (int i = 0; i < count; i++) {
                classes[i] = in.readInt();
                for (int j = 0; j < dimension; j++) {
                    vectors[i][j] = in.readFloat();
                }
                ids.add(file.getFileName() + "#" + i);
            }
            return new LabelledVectors(labels, ids, classes, vectors);
        }
    }

    private static List<String> readLabels(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a feature vector file");
        }
        int count = in.readInt();
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(in.readUTF());
        }
        return labels;
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}

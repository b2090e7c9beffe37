package io.zoolens.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a head names pictures it was not trained on: overall accuracy, per-class precision, recall
 * and F1, the confusion matrix ({@code confusion[actual][predicted]}) and the pictures it got wrong.
 */
public record Evaluation(
        double accuracy, List<ClassMetrics> perClass, int[][] confusion, List<Misclassified> misclassified) {

    /** Precision: of the pictures called this class, the share that are; recall: of this class, the share found. */
    public record ClassMetrics(String label, int support, double precision, double recall, double f1) {}

    public record Misclassified(String id, String actual, String predicted) {}

    public static Evaluation of(List<String> labels, List<String> ids, int[] actual, int[] predicted) {
        int k = labels.size();
        int[][] confusion = new int[k][k];
        List<Misclassified> wrong = new ArrayList<>();
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) {
                correct++;
            } else {
                wrong.add(new Misclassified(ids.get(i), labels.get(actual[i]), labels.get(predicted[i])));
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int support = 0;
            int called = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                called += confusion[j][c];
            }
            double precision = called == 0 ? 0 : (double) confusion[c][c] / called;
            double recall = support == 0 ? 0 : (double) confusion[c][c] / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(labels.get(c), support, precision, recall, f1));
        }
        double accuracy = actual.length == 0 ? 0 : (double) correct / actual.length;
        return new Evaluation(accuracy, perClass, confusion, wrong);
    }
}

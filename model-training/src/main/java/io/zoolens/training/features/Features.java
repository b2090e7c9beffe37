package io.zoolens.training.features;

import java.awt.image.BufferedImage;
import java.util.List;

/** Turns pictures into feature vectors, one row per picture, in order ({@link FeatureExtractor} runs a backbone). */
public interface Features {

    float[][] extract(List<BufferedImage> images);
}

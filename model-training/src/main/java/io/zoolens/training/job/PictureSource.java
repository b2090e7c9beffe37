package io.zoolens.training.job;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Loads a training picture as RGB (decoded the way uploads are, by the caller). */
@FunctionalInterface
public interface PictureSource {

    BufferedImage load(TrainingRequest.TrainingPicture picture) throws IOException;
}

package io.zoolens.training.compose;

import io.zoolens.training.evaluation.Evaluation;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.head.SoftmaxHead;
import io.zoolens.training.reject.RejectRule;
import java.time.Instant;

/**
 * Everything one trained version records: the head, the backbone it sits on, its cross-validated
 * evaluation, its reject rule, and how many pictures of each class it learnt from.
 *
 * @param owner the account that owns the custom model, or null
 * @param counts training pictures per class, in label order
 * @param folds cross-validation folds behind {@code evaluation}
 */
public record TrainedVersion(
        String description,
        String owner,
        Backbone backbone,
        SoftmaxHead head,
        RejectRule reject,
        Evaluation evaluation,
        int folds,
        int[] counts,
        Instant createdAt) {}

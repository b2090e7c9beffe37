package io.zoolens.classifier.training;

import io.zoolens.classifier.training.TrainingRequests.TrainRequest;
import io.zoolens.classifier.training.TrainingRequests.TrainResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trains a custom model version from cached features; deletes custom models and versions. */
@RestController
class TrainingController {

    private final TrainingService training;
    private final ModelDeletion deletion;

    TrainingController(TrainingService training, ModelDeletion deletion) {
        this.training = training;
        this.deletion = deletion;
    }

    @PostMapping("/v1/trainings")
    ResponseEntity<TrainResponse> train(@RequestBody TrainRequest body) throws IOException {
        TrainingService.Outcome outcome = training.train(body);
        // 200: the job's version existed already (a repeated request); 201: written now.
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.response());
    }

    @DeleteMapping("/v1/models/{name}")
    ResponseEntity<Void> deleteModel(@PathVariable String name) throws IOException {
        deletion.deleteModel(name);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v1/models/{name}/versions/{version}")
    ResponseEntity<Void> deleteVersion(
            @PathVariable String name, @PathVariable String version, @RequestParam(required = false) String jobId)
            throws IOException {
        deletion.deleteVersion(name, version, jobId);
        return ResponseEntity.noContent().build();
    }
}

package io.zoolens.classifier.training;

import io.zoolens.classifier.training.FeatureRequests.FeaturesResponse;
import io.zoolens.classifier.training.FeatureRequests.MissingRequest;
import io.zoolens.classifier.training.FeatureRequests.MissingResponse;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageRejectedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * The api-service's side of a training job, step one: which pictures still need features, computing them from
 * uploaded pictures, and forgetting an owner's (docs/classifier-api.md, "Custom-model training").
 */
@RestController
class FeaturesController {

    static final String IMAGE_PART = "image";

    private final FeatureService service;
    private final ImageDecoder decoder;
    private final TrainingProperties properties;

    FeaturesController(FeatureService service, ImageDecoder decoder, TrainingProperties properties) {
        this.service = service;
        this.decoder = decoder;
        this.properties = properties;
    }

    @PostMapping("/v1/features/{owner}:missing")
    MissingResponse missing(@PathVariable String owner, @RequestBody MissingRequest body) throws IOException {
        return service.missing(owner, body.backbone(), body.backboneVersion(), body.sha256());
    }

    @PostMapping("/v1/features/{owner}")
    FeaturesResponse features(
            @PathVariable String owner,
            @RequestParam String backbone,
            @RequestParam(required = false) String backboneVersion,
            MultipartHttpServletRequest request)
            throws IOException {
        List<MultipartFile> parts = request.getMultiFileMap().getOrDefault(IMAGE_PART, List.of());
        int most = Math.max(1, properties.batchSize());
        if (parts.isEmpty() || parts.size() > most) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "Send 1 to " + most + " multipart parts named '" + IMAGE_PART + "'");
        }
        List<byte[]> images = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            try {
                decoder.checkSize(parts.get(i).getSize());
            } catch (ImageRejectedException e) {
                throw new ImagePartRejectedException(i, e);
            }
            images.add(parts.get(i).getBytes());
        }
        return service.extract(owner, backbone, backboneVersion, images);
    }

    @DeleteMapping("/v1/features/{owner}")
    ResponseEntity<Void> deleteOwner(@PathVariable String owner) throws IOException {
        service.deleteOwner(owner);
        return ResponseEntity.noContent().build();
    }
}

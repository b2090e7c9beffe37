package io.zoolens.classifier.training;

import io.zoolens.classifier.training.FeatureRequests.FeaturesResponse;
import io.zoolens.classifier.training.FeatureRequests.MissingResponse;
import io.zoolens.classifier.training.FeatureRequests.PictureFeatures;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Feature vectors per owner: which pictures still need them, and computing them for uploaded pictures (decoded
 * like classify uploads, run through the backbone as one batch on the training executor, then cached).
 */
@Service
class FeatureService {

    static final int MAX_HASHES = 20_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final BackboneFeatures backbones;
    private final FeatureCache cache;
    private final ImageDecoder decoder;
    private final TrainingExecutor executor;
    private final CustomModelNames names;

    FeatureService(
            BackboneFeatures backbones,
            FeatureCache cache,
            ImageDecoder decoder,
            TrainingExecutor executor,
            CustomModelNames names) {
        this.backbones = backbones;
        this.cache = cache;
        this.decoder = decoder;
        this.executor = executor;
        this.names = names;
    }

    MissingResponse missing(String owner, String backboneName, String backboneVersion, List<String> hashes)
            throws IOException {
        names.owner(owner);
        if (hashes == null || hashes.size() > MAX_HASHES) {
            throw new InvalidNameException("sha256", "must be a list of at most " + MAX_HASHES + " hashes");
        }
        hashes.forEach(FeatureService::checkHash);
        BackboneFeatures.Entry entry = resolve(backboneName, backboneVersion);
        Backbone backbone = entry.backbone();
        List<String> missing = new ArrayList<>();
        for (String sha : new LinkedHashSet<>(hashes)) {
            if (cache.get(owner, backbone, sha).isEmpty()) {
                missing.add(sha);
            }
        }
        return new MissingResponse(ref(entry), missing);
    }

    /** Each part's vector, computed in one backbone run and cached under its SHA-256. */
    FeaturesResponse extract(String owner, String backboneName, String backboneVersion, List<byte[]> parts)
            throws IOException {
        names.owner(owner);
        BackboneFeatures.Entry entry = resolve(backboneName, backboneVersion);
        List<BufferedImage> images = new ArrayList<>(parts.size());
        List<String> hashes = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            try {
                images.add(decoder.decode(parts.get(i)).rgb());
            } catch (ImageRejectedException e) {
                throw new ImagePartRejectedException(i, e);
            }
            hashes.add(sha256(parts.get(i)));
        }
        float[][] vectors;
        try {
            vectors = executor.run(() -> entry.extract(images));
        } catch (BackboneFeatures.RetiredException e) {
            // The version was replaced on disk meanwhile: the same name and version again, freshly loaded.
            BackboneFeatures.Entry again = resolve(backboneName, entry.version());
            return store(owner, again, hashes, executor.run(() -> again.extract(images)));
        }
        return store(owner, entry, hashes, vectors);
    }

    void deleteOwner(String owner) throws IOException {
        names.owner(owner);
        try {
            cache.deleteOwner(owner);
        } catch (IOException e) {
            throw Storage.readOnly(e, "feature cache");
        }
    }

    private FeaturesResponse store(String owner, BackboneFeatures.Entry entry, List<String> hashes, float[][] vectors)
            throws IOException {
        Backbone backbone = entry.backbone();
        List<PictureFeatures> pictures = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            try {
                cache.put(owner, backbone, hashes.get(i), vectors[i]);
            } catch (IOException e) {
                throw Storage.readOnly(e, "feature cache");
            }
            pictures.add(new PictureFeatures(hashes.get(i), vectors[i].length));
        }
        return new FeaturesResponse(ref(entry), pictures);
    }

    private BackboneFeatures.Entry resolve(String name, String version) {
        names.backbone(name);
        if (version != null) {
            names.version(version);
        }
        return backbones.resolve(name, version);
    }

    static BackboneRef ref(BackboneFeatures.Entry entry) {
        return new BackboneRef(entry.name(), entry.version());
    }

    static void checkHash(String sha) {
        if (sha == null || !SHA256.matcher(sha).matches()) {
            throw new InvalidNameException("sha256", "must be 64 lower-case hex digits");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

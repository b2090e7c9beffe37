package io.zoolens.classifier.training;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The only names the training endpoints accept: owners and model ids of letters and digits, custom model
 * folders {@code u-<owner>-<id>} and numeric versions. Anything else is refused before a path is built, so no
 * request can reach outside the models folder or touch a model Zoolens did not train (the default model).
 */
@Component
class CustomModelNames {

    static final String PREFIX = "u-";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,40}");
    private static final Pattern MODEL = Pattern.compile("u-([A-Za-z0-9]{1,40})-([A-Za-z0-9]{1,40})");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
    private static final Pattern BACKBONE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    String owner(String owner) {
        if (owner == null || !ID.matcher(owner).matches()) {
            throw new InvalidNameException("owner", "must be 1 to 40 letters or digits");
        }
        return owner;
    }

    /** A custom model folder name, optionally required to belong to {@code owner}. */
    String customModel(String model, String owner) {
        var matcher = model == null ? null : MODEL.matcher(model);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidNameException(
                    "model", "must be a custom model name u-<owner>-<id> (letters and digits, at most 40 each)");
        }
        if (owner != null && !matcher.group(1).equals(owner)) {
            throw new InvalidNameException("model", "must start with u-" + owner + "-");
        }
        return model;
    }

    String version(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new InvalidNameException("version", "must be a version number");
        }
        return version;
    }

    /** A caller's job id (the api-service's training job), recorded in the version it makes. */
    String jobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new InvalidNameException("jobId", "must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        return jobId;
    }

    /** A backbone: a served model that is not itself a custom model (whose features are another owner's). */
    String backbone(String name) {
        if (name == null || !BACKBONE.matcher(name).matches() || name.contains("..")) {
            throw new InvalidNameException("backbone", "must name a served model");
        }
        if (name.startsWith(PREFIX)) {
            throw new InvalidNameException("backbone", "cannot be a custom model");
        }
        return name;
    }
}

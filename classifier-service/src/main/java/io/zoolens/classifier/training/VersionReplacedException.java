package io.zoolens.classifier.training;

/**
 * A version deletion named the job that wrote the version, but the folder of that number holds another job's
 * version now (the number was written again after the one meant was deleted): nothing is deleted (409).
 */
public class VersionReplacedException extends RuntimeException {

    private final String version;

    VersionReplacedException(String version, String expectedJobId, String foundJobId) {
        super("version " + version + " was written by "
                + (foundJobId == null ? "no recorded job" : "job " + foundJobId) + ", not by job " + expectedJobId
                + "; it was left alone");
        this.version = version;
    }

    public String version() {
        return version;
    }
}

package io.zoolens.bench.report;

/**
 * One of issue 7's targets, judged from a run.
 *
 * @param id short id, T1…
 * @param requirement what the issue asks
 * @param measured the figures it was judged on
 * @param verdict the judgement
 */
public record Target(String id, String requirement, String measured, Verdict verdict) {

    /** PASS, FAIL, or why there is no verdict. */
    public enum Verdict {
        PASS("PASS"),
        FAIL("FAIL"),
        NOT_RUN("not run"),
        ELSEWHERE("see below");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Verdict of(boolean pass) {
            return pass ? PASS : FAIL;
        }
    }
}

package io.zoolens.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownBlocksTests {

    @Test
    void theBlockIsReplacedAndTheHandWrittenTextAroundItKept() {
        String document = "# Benchmarks\n\nIntro by hand.\n\n" + MarkdownBlocks.start("bench:results")
                + "\nold numbers\n" + MarkdownBlocks.end("bench:results") + "\n\n## Notes\n\nAlso by hand.\n";

        String updated = MarkdownBlocks.replace(document, "bench:results", "new numbers\n");

        assertThat(updated)
                .startsWith("# Benchmarks\n\nIntro by hand.\n\n")
                .contains("\nnew numbers\n")
                .doesNotContain("old numbers")
                .endsWith("\n\n## Notes\n\nAlso by hand.\n");
    }

    @Test
    void replacingTwiceGivesTheSameDocument() {
        String once = MarkdownBlocks.replace("# Title\n", "b", "content");
        assertThat(MarkdownBlocks.replace(once, "b", "content")).isEqualTo(once);
    }

    @Test
    void aMissingBlockIsAppendedAndOtherBlocksAreLeftAlone() {
        String document = MarkdownBlocks.replace("# Reliability\n\n## Faults\n\nby another helper\n", "a", "A");

        String updated = MarkdownBlocks.replace(document, "reliability:load", "## Load\n\nnumbers");

        assertThat(updated).contains("## Faults\n\nby another helper\n");
        assertThat(updated).contains(MarkdownBlocks.start("a") + "\nA\n" + MarkdownBlocks.end("a"));
        assertThat(updated)
                .endsWith(MarkdownBlocks.start("reliability:load") + "\n## Load\n\nnumbers\n"
                        + MarkdownBlocks.end("reliability:load") + "\n");
    }

    @Test
    void aMissingFileIsCreatedFromTheSkeleton(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("docs/reliability.md");

        MarkdownBlocks.write(file, "reliability:load", "## Load\n", "# Reliability\n\n");

        assertThat(Files.readString(file))
                .startsWith("# Reliability\n\n" + MarkdownBlocks.start("reliability:load"))
                .contains("## Load");
    }
}

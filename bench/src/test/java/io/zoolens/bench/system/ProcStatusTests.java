package io.zoolens.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTests {

    @Test
    void residentAndPeakMemoryAreReadFromTheStatusFile() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  1200000 kB\nVmRSS:\t  1000000 kB\nThreads:\t42\n";

        ProcStatus parsed = ProcStatus.parse(status);

        assertThat(parsed.rssBytes()).isEqualTo(1_000_000L * 1024);
        assertThat(parsed.peakRssBytes()).isEqualTo(1_200_000L * 1024);
    }

    @Test
    void theParentIsFoundEvenWhenTheCommandNameHasSpacesAndParentheses() {
        assertThat(ProcStatus.parentPid("4242 (nginx: worker (x)) S 4100 4242 4242 0 -1"))
                .isEqualTo(4100);
    }

    @Test
    void ourOwnProcessIsReadable() {
        assertThat(ProcStatus.of(ProcessHandle.current().pid()))
                .get()
                .satisfies(s -> assertThat(s.rssBytes()).isPositive());
        assertThat(ProcStatus.children(ProcessHandle.current().pid())).isNotNull();
    }

    @Test
    void machineFactsAreParsedFromProc() {
        assertThat(MachineInfo.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t: fpu\n"))
                .isEqualTo("AMD EPYC");
        assertThat(MachineInfo.cpu("model name\t: Xeon\nflags\t: fpu avx2 avx512f avx512_vnni amx_tile\n"))
                .isEqualTo("Xeon, AVX2 AVX-512F VNNI AMX");
        assertThat(MachineInfo.cpu("model name\t: Atom\nflags\t: fpu sse4_2 avx\n"))
                .isEqualTo("Atom, no AVX2");
        assertThat(MachineInfo.memTotal("MemTotal:       24000000 kB\nMemFree: 1 kB\n"))
                .isEqualTo(24_000_000L * 1024);
        assertThat(MachineInfo.parseLoadAverage("1.51 1.56 2.31 3/456 12345\n")).isEqualTo("1.51 1.56 2.31");
    }
}

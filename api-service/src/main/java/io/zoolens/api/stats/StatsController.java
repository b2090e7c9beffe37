package io.zoolens.api.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/stats")
@Tag(name = "stats")
class StatsController {

    private final StatsService stats;
    private final CurrentOwner currentOwner;

    StatsController(StatsService stats, CurrentOwner currentOwner) {
        this.stats = stats;
        this.currentOwner = currentOwner;
    }

    @GetMapping
    @Operation(summary = "Totals, counts per label, accuracy from feedback (overall, per label, per model), per day")
    StatsResponse stats(HttpServletRequest request) {
        return currentOwner
                .find(request)
                .map(owner -> stats.stats(owner.id()))
                .orElseGet(() -> StatsService.fold(List.of(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
    }
}

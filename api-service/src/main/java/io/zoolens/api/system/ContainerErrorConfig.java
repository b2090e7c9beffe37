package io.zoolens.api.system;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces the servlet container's HTML error page (the {@link ErrorReportValve} Spring Boot adds to the host, and
 * the one the host would add itself) with {@link ProblemErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfig {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Pipeline pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            ProblemErrorReportValve problems = new ProblemErrorReportValve();
            problems.setShowReport(false);
            problems.setShowServerInfo(false);
            pipeline.addValve(problems);
            if (context.getParent() instanceof StandardHost host) {
                // Otherwise the host adds Tomcat's own valve (full report, server version) when it starts.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}

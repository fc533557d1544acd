package dev.indexkit.internal.cli;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code demo} says on a class path without lib/demo/ (CliDistributionIT runs the real slim archive). */
class EmbeddedPostgresRequirementTest {

    @Test
    void should_name_the_demo_archive_and_the_server_fallback_when_the_embedded_server_is_absent() throws Exception {
        // The JDK alone: what the launcher builds from lib/ when lib/demo/ is missing.
        try (URLClassLoader jdkOnly = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> EmbeddedPostgresRequirement.require("indexkit verify --url ...", jdkOnly))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("lib/demo/")
                    .hasMessageContaining("-cli-demo.tar.gz")
                    .hasMessageContaining("indexkit verify --url ...");
        }
        assertThat(FailureHandler.exitCode(new BadInputException("x", null))).isEqualTo(2);
    }

    @Test
    void should_pass_when_the_embedded_server_is_on_the_class_path() {
        EmbeddedPostgresRequirement.require("unused", getClass().getClassLoader());
    }
}

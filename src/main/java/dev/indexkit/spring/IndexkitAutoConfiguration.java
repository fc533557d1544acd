package dev.indexkit.spring;

import dev.indexkit.internal.spring.PartitionSchedule;
import dev.indexkit.internal.spring.SessionLockPostProcessor;
import dev.indexkit.partition.MonthlyPartitionConfig;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * indexkit in a Spring Boot 3.5 or 4.0 service, registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}:
 * <ul>
 *   <li>{@link PartitionMaintenance} for the tables under {@code indexkit.partitions.tables}, run on
 *       each table's cron with replicas taking turns, and once at startup
 *       ({@code indexkit.partitions.run-on-startup});</li>
 *   <li>{@code indexkit.liquibase.session-lock} applied to Spring's Liquibase runs.</li>
 * </ul>
 * Ordered after Boot's DataSource, Liquibase and Flyway auto-configurations, named for both Boot 3
 * ({@code org.springframework.boot.autoconfigure.*}) and Boot 4 (one module each) so it needs neither.
 * See {@link IndexkitProperties} for the properties.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@EnableConfigurationProperties(IndexkitProperties.class)
public class IndexkitAutoConfiguration {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

    /** Created by Spring Boot when the auto-configuration applies. */
    public IndexkitAutoConfiguration() {
    }

    /**
     * The partition maintenance of {@code indexkit.partitions.tables} on the service's DataSource.
     *
     * @param dataSource the service's DataSource
     * @param properties the bound {@code indexkit.*} properties
     * @return the maintenance; with no table configured it keeps nothing
     * @throws IllegalArgumentException naming {@code indexkit.partitions.tables[i]} when a table's values do not fit together
     */
    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean
    public PartitionMaintenance indexkitPartitionMaintenance(DataSource dataSource, IndexkitProperties properties) {
        List<MonthlyPartitionConfig> configs = new ArrayList<>();
        List<IndexkitProperties.Table> tables = properties.getPartitions().getTables();
        for (int i = 0; i < tables.size(); i++) {
            try {
                configs.add(tables.get(i).toConfig());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("indexkit.partitions.tables[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new PartitionMaintenance(dataSource, configs);
    }

    /**
     * Starts the maintenance with the context: once at startup, then on each table's cron.
     *
     * @param maintenance the maintenance
     * @param properties  the bound {@code indexkit.*} properties
     * @return the lifecycle that runs and schedules it
     */
    @Bean
    @ConditionalOnBean(PartitionMaintenance.class)
    public PartitionSchedule indexkitPartitionSchedule(PartitionMaintenance maintenance, IndexkitProperties properties) {
        List<PartitionSchedule.Entry> entries = new ArrayList<>();
        List<MonthlyPartitionConfig> configs = maintenance.tables();
        List<IndexkitProperties.Table> tables = properties.getPartitions().getTables();
        for (int i = 0; i < configs.size() && i < tables.size(); i++) {
            entries.add(new PartitionSchedule.Entry(PartitionMaintenance.name(configs.get(i)), configs.get(i), tables.get(i).getCron()));
        }
        return new PartitionSchedule(entries, properties.getPartitions().isRunOnStartup(),
                () -> maintenance.runAll(true),
                table -> {
                    try {
                        maintenance.run(table);
                    } catch (Exception | LinkageError e) {
                        LOG.log(Level.SEVERE, e, () -> "indexkit: partition maintenance of " + table
                                + " failed; the next run tries again");
                    }
                });
    }

    /** Only where Liquibase's Spring integration is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "liquibase.integration.spring.SpringLiquibase")
    static class LiquibaseSessionLock {

        /**
         * Static and bound straight from the environment: a post-processor exists before any
         * {@code @ConfigurationProperties} bean.
         */
        @Bean
        static BeanPostProcessor indexkitLiquibaseSessionLock(Environment environment) {
            return Binder.get(environment).bind("indexkit.liquibase.session-lock", Boolean.class)
                    .map(value -> (BeanPostProcessor) new SessionLockPostProcessor(value))
                    .orElseGet(() -> new BeanPostProcessor() {
                    });
        }
    }
}

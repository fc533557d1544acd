package dev.indexkit.spring;

import dev.indexkit.fixtures.TestDatabase;
import dev.indexkit.fixtures.TestPostgres;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration in an ApplicationContextRunner, on embedded PostgreSQL. */
class IndexkitAutoConfigurationTest {

    private static TestDatabase db;
    private static DataSource dataSource;

    private final Logger log = Logger.getLogger(PartitionMaintenance.class.getName());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        dataSource = ds;
    }

    @BeforeEach
    void captureLog() {
        level = log.getLevel();
        log.setLevel(Level.INFO);
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
        log.setLevel(level);
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IndexkitAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource);
    }

    private static void partitionedTable(String name) {
        db.execute("CREATE TABLE " + name + " (id bigint NOT NULL, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
    }

    private static int partitions(String table) {
        return Integer.parseInt(db.scalar("SELECT count(*) FROM pg_inherits WHERE inhparent = '" + table + "'::regclass"));
    }

    @Test
    void should_bind_the_properties_run_at_startup_and_schedule_each_table() {
        partitionedTable("public.events_bound");
        runner().withPropertyValues(
                        "indexkit.partitions.tables[0].table=public.events_bound",
                        "indexkit.partitions.tables[0].column=created_at",
                        "indexkit.partitions.tables[0].months-ahead=2",
                        "indexkit.partitions.tables[0].retention-months=12",
                        "indexkit.partitions.tables[0].retention-mode=drop",
                        "indexkit.partitions.tables[0].zone=Europe/Berlin",
                        "indexkit.partitions.tables[0].cron=0 30 2 * * *")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PartitionMaintenance maintenance = context.getBean(PartitionMaintenance.class);
                    assertThat(maintenance.tables()).singleElement().satisfies(c -> {
                        assertThat(c.qualifiedTable()).isEqualTo("\"public\".\"events_bound\"");
                        assertThat(c.column()).isEqualTo("created_at");
                        assertThat(c.monthsAhead()).isEqualTo(2);
                        assertThat(c.retentionMonths()).contains(12);
                        assertThat(c.retentionMode()).hasToString("DROP");
                        assertThat(c.zone()).hasToString("Europe/Berlin");
                    });
                    // The startup run: this month, two ahead, DEFAULT.
                    assertThat(partitions("public.events_bound")).isEqualTo(4);
                    assertThat(maintenance.run("public.events_bound")).contains(List.of());
                    assertThat(logged).anyMatch(m -> m.contains("scheduled at \"0 30 2 * * *\" (Europe/Berlin)"));
                });
    }

    @Test
    void should_keep_nothing_and_start_when_no_table_is_configured() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PartitionMaintenance.class).tables()).isEmpty();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "indexkit.partitions.tables[0].months-ahead=500 | indexkit.partitions.tables[0].months-ahead 500 | out of range",
            "indexkit.partitions.tables[0].months-ahead=three | indexkit.partitions.tables[0].months-ahead | three",
            "indexkit.partitions.tables[0].retention-months=0 | indexkit.partitions.tables[0].retention-months | out of range",
            "indexkit.partitions.tables[0].retention-mode=archive | indexkit.partitions.tables[0].retention-mode | archive",
            "indexkit.partitions.tables[0].zone=Mars/Olympus | indexkit.partitions.tables[0].zone | Mars/Olympus",
            "indexkit.partitions.tables[0].cron=every night | indexkit.partitions.tables[0].cron | six fields",
            "indexkit.partitions.tables[0].table=a.b.c | indexkit.partitions.tables[0].table | more than one dot",
            "indexkit.liquibase.session-lock=maybe | indexkit.liquibase.session-lock | maybe",
    })
    void should_refuse_a_bad_value_naming_its_property(String bad, String property, String reason) {
        runner().withPropertyValues("indexkit.partitions.tables[0].table=public.events_bad",
                        "indexkit.partitions.tables[0].column=created_at", bad)
                .run(context -> {
                    assertThat(context).hasFailed();
                    String messages = messages(context.getStartupFailure());
                    assertThat(messages).contains(property).contains(reason);
                });
    }

    @Test
    void should_refuse_a_table_without_its_column_naming_the_entry() {
        runner().withPropertyValues("indexkit.partitions.tables[0].table=public.a",
                        "indexkit.partitions.tables[0].column=created_at",
                        "indexkit.partitions.tables[1].table=public.b")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("indexkit.partitions.tables[1].column is missing for public.b"));
        runner().withPropertyValues("indexkit.partitions.tables[0].table=public.a",
                        "indexkit.partitions.tables[0].column=created_at",
                        "indexkit.partitions.tables[1].table=public.a",
                        "indexkit.partitions.tables[1].column=created_at")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("indexkit.partitions.tables[1].table public.a is given twice"));
    }

    @Test
    void should_stop_the_startup_when_the_startup_run_fails() {
        runner().withPropertyValues("indexkit.partitions.tables[0].table=public.no_such_table",
                        "indexkit.partitions.tables[0].column=created_at")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("partition maintenance of public.no_such_table (indexkit.partitions.tables) failed"));
        runner().withPropertyValues("indexkit.partitions.run-on-startup=false",
                        "indexkit.partitions.tables[0].table=public.no_such_table",
                        "indexkit.partitions.tables[0].column=created_at")
                .run(context -> assertThat(context).hasNotFailed());
    }

    /**
     * Two replicas on one database: while one holds the table's lock (it is running the table), the
     * other's run, at startup and on its schedule, skips the table and says so; once released, it runs.
     */
    @Test
    void should_let_replicas_take_turns_the_one_that_finds_the_lock_held_skips() {
        partitionedTable("public.events_replicas");
        String[] properties = {"indexkit.partitions.tables[0].table=public.events_replicas",
                "indexkit.partitions.tables[0].column=created_at", "indexkit.partitions.tables[0].months-ahead=1"};
        runner().withPropertyValues(properties).withPropertyValues("indexkit.partitions.run-on-startup=false").run(first -> {
            PartitionMaintenance replicaA = first.getBean(PartitionMaintenance.class);
            try (Connection runningA = dataSource.getConnection()) {
                // Replica A is in the middle of its run: it holds the lock its run takes.
                assertThat(tryLock(runningA, "indexkit.partitions:\"public\".\"events_replicas\"")).isTrue();

                runner().withPropertyValues(properties).run(second -> {
                    assertThat(second).hasNotFailed();
                    assertThat(logged).anyMatch(m -> m.contains("partition maintenance of \"public\".\"events_replicas\" "
                            + "skipped: another instance holds its lock (pid "));
                    assertThat(partitions("public.events_replicas")).isZero();
                    PartitionMaintenance replicaB = second.getBean(PartitionMaintenance.class);
                    assertThat(replicaB.run("public.events_replicas")).isEmpty();

                    unlock(runningA, "indexkit.partitions:\"public\".\"events_replicas\"");
                    assertThat(replicaB.run("public.events_replicas")).hasValueSatisfying(done -> assertThat(done).hasSize(3));
                    // B is done; A's next turn finds nothing left to do.
                    assertThat(replicaA.run("public.events_replicas")).contains(List.of());
                });
            }
            assertThat(partitions("public.events_replicas")).isEqualTo(3);
        });
    }

    @Test
    void should_let_each_run_hold_the_lock_while_it_works_so_the_other_replica_skips() throws Exception {
        partitionedTable("public.events_turns");
        // A run that holds the lock for a while: an ACCESS EXCLUSIVE lock held elsewhere makes its first step wait.
        runner().withPropertyValues("indexkit.partitions.run-on-startup=false",
                        "indexkit.partitions.tables[0].table=public.events_turns",
                        "indexkit.partitions.tables[0].column=created_at")
                .run(context -> {
                    PartitionMaintenance replicaA = context.getBean(PartitionMaintenance.class);
                    PartitionMaintenance replicaB = new PartitionMaintenance(dataSource, replicaA.tables());
                    Optional<?>[] outcomeA = new Optional<?>[1];
                    try (Connection blocker = dataSource.getConnection()) {
                        blocker.setAutoCommit(false);
                        blocker.createStatement().execute("LOCK TABLE public.events_turns IN ACCESS EXCLUSIVE MODE");
                        Thread a = new Thread(() -> {
                            try {
                                outcomeA[0] = replicaA.run("public.events_turns");
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        a.start();
                        waitForLockHolder("indexkit.partitions:\"public\".\"events_turns\"");
                        assertThat(replicaB.run("public.events_turns")).isEmpty();
                        blocker.rollback();
                        a.join(60_000);
                    }
                    assertThat(outcomeA[0]).isNotNull().isPresent();
                    assertThat(partitions("public.events_turns")).isEqualTo(5);
                });
    }

    @Test
    void should_apply_the_session_lock_property_to_springs_liquibase_runs() {
        // false: Liquibase's own row lock, whose table Liquibase creates.
        liquibaseRun("indexkit.liquibase.session-lock=false");
        assertThat(lockTableExists()).isTrue();
        db.execute("DROP TABLE databasechangeloglock", "DROP TABLE databasechangelog", "DROP TABLE items");

        // true, and not set (the default): indexkit's advisory lock, no lock table.
        liquibaseRun("indexkit.liquibase.session-lock=true");
        assertThat(lockTableExists()).isFalse();
        db.execute("DROP TABLE databasechangelog", "DROP TABLE items");
        liquibaseRun();
        assertThat(lockTableExists()).isFalse();
        db.execute("DROP TABLE databasechangelog", "DROP TABLE items");

        // The Liquibase setting for services without Spring's property: a system property. Spring's wins.
        System.setProperty("indexkit.sessionLock", "false");
        try {
            liquibaseRun("indexkit.liquibase.session-lock=true");
            assertThat(lockTableExists()).isFalse();
            db.execute("DROP TABLE databasechangelog", "DROP TABLE items");
            liquibaseRun();
            assertThat(lockTableExists()).isTrue();
            db.execute("DROP TABLE databasechangeloglock", "DROP TABLE databasechangelog", "DROP TABLE items");
        } finally {
            System.clearProperty("indexkit.sessionLock");
        }
    }

    private static void liquibaseRun(String... properties) {
        runner().withPropertyValues(properties)
                .withBean(SpringLiquibase.class, () -> {
                    SpringLiquibase liquibase = new SpringLiquibase();
                    liquibase.setDataSource(dataSource);
                    liquibase.setChangeLog("classpath:changelogs/items-table.yaml");
                    return liquibase;
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.scalar("SELECT count(*) FROM databasechangelog")).isEqualTo("1");
                });
    }

    private static boolean lockTableExists() {
        return db.scalar("SELECT to_regclass('public.databasechangeloglock') IS NOT NULL").equals("t");
    }

    private static boolean tryLock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            ps.setString(1, key);
            ps.executeQuery().close();
        }
    }

    private static void waitForLockHolder(String key) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                            + "AND ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nobody took the lock " + key);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable e = t; e != null; e = e.getCause()) {
            all.append(e.getMessage()).append('\n');
        }
        return all.toString();
    }
}

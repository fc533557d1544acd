package dev.indexkit.internal.cli;

import dev.indexkit.internal.sql.JdbcUrls;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * {@code --url/--user/--password}, shared by every command that talks to a database. The password
 * comes from {@code --password} or {@code INDEXKIT_PASSWORD} and is never printed.
 */
public final class ConnectionOptions {

    @Option(names = "--url", defaultValue = "${env:INDEXKIT_URL}",
            description = "JDBC URL, e.g. jdbc:postgresql://host:5432/app (env INDEXKIT_URL)")
    String url;

    @Option(names = "--user", defaultValue = "${env:INDEXKIT_USER}", description = "Database user (env INDEXKIT_USER)")
    String user;

    @Option(names = "--password", defaultValue = "${env:INDEXKIT_PASSWORD}", arity = "0..1", interactive = true,
            description = "Password (env INDEXKIT_PASSWORD; never printed)")
    char[] password;

    public Connection connect() {
        if (url == null || url.isBlank()) {
            throw new BadInputException("no database given: pass --url jdbc:postgresql://host:5432/db or set INDEXKIT_URL", null);
        }
        try {
            return DriverManager.getConnection(url, user, password == null ? null : new String(password));
        } catch (SQLException e) {
            // A URL may carry ?password=...: neither it nor a driver message quoting the URL may print it.
            throw new BadInputException("cannot connect to " + JdbcUrls.redact(url) + (user == null ? "" : " as " + user) + ": "
                    + JdbcUrls.redact(e.getMessage()) + (url.startsWith("jdbc:") ? ""
                    : " (a JDBC URL starts with jdbc:, e.g. jdbc:postgresql://host:5432/db)"), null);
        }
    }
}

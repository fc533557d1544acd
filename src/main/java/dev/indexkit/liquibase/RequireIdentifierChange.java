package dev.indexkit.liquibase;

import dev.indexkit.internal.liquibase.IndexkitNamespace;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code requireIdentifier}: fails validation, before any changeset of the update runs, when a
 * changelog parameter that becomes a name is not a plain lowercase SQL identifier. Runs no SQL.
 *
 * <p>Why: the packs' released schema changesets use {@code ${indexkit.<pack>.schema}} in raw
 * {@code sql:} ({@code CREATE SCHEMA IF NOT EXISTS "${...}"}) and, unquoted, in core changes; they
 * cannot be edited (their checksums are recorded in every database that ran them). A value such as
 * {@code x"; DROP TABLE public.v; --} would turn the raw SQL into statements. Guarding the parameter
 * in a changeset that runs first closes that without touching them, and only a name that means the same
 * quoted and unquoted is accepted, so the raw and the core changes agree on which schema they mean.
 */
@DatabaseChange(name = "requireIdentifier", priority = ChangeMetaData.PRIORITY_DEFAULT,
        description = "Validates that a changelog parameter is a plain lowercase SQL identifier; runs no SQL")
public class RequireIdentifierChange extends AbstractChange {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private String parameter;
    private String value;

    /**
     * Name of the changelog parameter, for the message.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Name of the changelog parameter, for the message", exampleValue = "indexkit.mina.schema")
    public String getParameter() {
        return parameter;
    }

    /**
     * Sets {@code parameter}; see {@link #getParameter()}.
     *
     * @param parameter the changelog's value
     */
    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    /**
     * Its value, e.g. ${indexkit.mina.schema}.
     *
     * @return the changelog's value, or null when it sets none
     */
    @DatabaseChangeProperty(description = "Its value, e.g. ${indexkit.mina.schema}", exampleValue = "public")
    public String getValue() {
        return value;
    }

    /**
     * Sets {@code value}; see {@link #getValue()}.
     *
     * @param value the changelog's value
     */
    public void setValue(String value) {
        this.value = value;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        String problem = problem(value);
        if (problem != null) {
            errors.addError("Changelog parameter " + parameter + " = '" + value + "' " + problem + ": use a plain "
                    + "lowercase SQL identifier (a-z, 0-9 and _, not starting with a digit, at most 63 bytes), "
                    + "e.g. -D" + parameter + "=billing. Nothing was run.");
        }
        return errors;
    }

    /** Why {@code value} is not a plain identifier, or null when it is. */
    static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is empty";
        }
        if (value.startsWith("${")) {
            return "was never set";
        }
        if (!PLAIN.matcher(value).matches()) {
            return "is not a plain identifier";
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 63) {
            return "is longer than PostgreSQL's 63 bytes";
        }
        return null;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[0];
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return false;
    }

    @Override
    public String getConfirmationMessage() {
        return "Changelog parameter " + parameter + " = " + value + " is a plain identifier";
    }

    @Override
    public String getSerializedObjectNamespace() {
        return IndexkitNamespace.URI;
    }
}

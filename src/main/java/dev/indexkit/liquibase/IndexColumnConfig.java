package dev.indexkit.liquibase;

import dev.indexkit.internal.index.IndexKey;
import dev.indexkit.internal.liquibase.IndexkitNamespace;
import liquibase.change.ColumnConfig;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;

/**
 * A column of {@code ensureIndex}: core's column ({@code name}, {@code descending}) plus what core
 * lacks: an {@code expression} key and an operator class per column.
 */
public class IndexColumnConfig extends ColumnConfig {

    private String opclass;
    private String expression;

    /**
     * The operator class of this key, e.g. {@code jsonb_path_ops} or {@code text_pattern_ops}.
     *
     * @return the changelog's {@code opclass}, or null for the type's default
     */
    public String getOpclass() {
        return opclass;
    }

    /**
     * Sets the operator class; see {@link #getOpclass()}.
     *
     * @param opclass an operator class name, or null for the default
     * @return this column
     */
    public IndexColumnConfig setOpclass(String opclass) {
        this.opclass = opclass;
        return this;
    }

    /**
     * An expression key such as {@code lower(email)}, used instead of {@code name}.
     *
     * @return the changelog's {@code expression}, or null for a column key
     */
    public String getExpression() {
        return expression;
    }

    /**
     * Sets the expression key; see {@link #getExpression()}.
     *
     * @param expression a SQL expression, or null for a column key
     * @return this column
     */
    public IndexColumnConfig setExpression(String expression) {
        this.expression = expression;
        return this;
    }

    @Override
    public String getSerializedObjectNamespace() {
        return IndexkitNamespace.URI;
    }

    @Override
    public void load(ParsedNode parsedNode, ResourceAccessor resourceAccessor) throws ParsedNodeException {
        super.load(parsedNode, resourceAccessor);
        opclass = parsedNode.getChildValue(null, "opclass", String.class);
        expression = parsedNode.getChildValue(null, "expression", String.class);
    }

    /** The validated key; core's {@code computed: true} on a name is read as an expression too. */
    IndexKey toKey() {
        boolean computed = Boolean.TRUE.equals(getComputed());
        String expr = expression != null ? expression : computed ? getName() : null;
        String column = expr == null ? getName() : null;
        return new IndexKey(column, expr, Boolean.TRUE.equals(getDescending()), opclass);
    }

    /** Every property that shapes the key, for the checksum. */
    String canonical() {
        return "name=" + getName() + ",expression=" + expression + ",computed=" + getComputed()
                + ",descending=" + getDescending() + ",opclass=" + opclass;
    }
}

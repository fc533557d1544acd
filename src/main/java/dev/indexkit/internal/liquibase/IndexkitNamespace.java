package dev.indexkit.internal.liquibase;

/** The XML namespace of indexkit's change types; its XSD ships in the jar at the matching path. */
public final class IndexkitNamespace {

    public static final String URI = "http://indexkit.dev/xml/ns/indexkit";

    private IndexkitNamespace() {
    }
}

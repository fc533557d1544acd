/**
 * Everything under {@code dev.indexkit.internal} is indexkit's implementation. The classes are public only
 * because other indexkit packages use them; a service must not depend on them, and they may change in any
 * release without notice. The public API is {@code dev.indexkit.liquibase}, {@code dev.indexkit.partition},
 * {@code dev.indexkit.verify}, {@code dev.indexkit.health} and {@code dev.indexkit.cli}.
 */
package dev.indexkit.internal;

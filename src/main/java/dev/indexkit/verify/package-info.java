/**
 * Proof that queries use their indexes, from a service's own tests:
 * {@link dev.indexkit.verify.PlanAssert#assertThatPlan} for one query (AssertJ style),
 * {@link dev.indexkit.verify.CatalogTests#forCatalog} for a whole {@link dev.indexkit.verify.VerifyCatalog}
 * of {@link dev.indexkit.verify.TargetQuery target queries} as JUnit dynamic tests, and
 * {@link dev.indexkit.verify.DataLoader} to load production-shaped data first.
 *
 * <p>Every query is explained inside a read-only transaction that is rolled back. The judge, explainers
 * and report behind the CLI's {@code verify} are in {@code dev.indexkit.internal.verify}.
 */
package dev.indexkit.verify;

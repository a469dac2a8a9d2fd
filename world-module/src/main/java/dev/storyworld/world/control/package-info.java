/**
 * The use cases of worlds: ownership, the atomic clock advance (concurrent advances of one world applied
 * together by {@code AdvanceQueue}, one transaction per batch; with idempotency keys one at a time), versioned meta writes
 * (replacement, merge patch, scheduler config) and the schema report, each written as its steps in
 * {@code WorldService}, with the pure rules they apply ({@code WorldMeta}, the Bean Validation constraints of
 * {@code SchedulerConfig}, {@code WorldClock}, {@code MergePatch}). Other modules see worlds through
 * {@code LinkedWorlds}. Uses {@code world.entity}, {@code common} and {@code relationships}; knows nothing
 * of HTTP or of sessions.
 *
 * <p><b>The store convention</b>, the same for every aggregate (worlds here, scenes in {@code scene.control},
 * sessions in {@code session.control}): every statement about an aggregate's tables is one method of its
 * store ({@code WorldStore}), and the store is
 * <ul>
 *   <li><i>in the control package, beside the service</i>: it is the service's persistence, written for its use
 *       cases; the {@code entity} package holds only what JPA maps, so it depends on nothing;</li>
 *   <li><i>package-private</i>: no other package, and so no other module, can run a statement on the aggregate;
 *       what others may know goes through a small public class of the same package ({@code LinkedWorlds},
 *       {@code LinkedScenes}), and a rule that spans aggregates is the database's (a foreign key), never one
 *       store reading another aggregate's tables;</li>
 *   <li><i>{@code @Dependent}</i>: it holds no state (the entity manager is the container's transaction-scoped
 *       proxy), so each bean of the package that injects it gets its own instance with no client proxy in
 *       the way of every call on the hot paths; interceptors such as {@code @Transactional} still apply.</li>
 * </ul>
 * A retry loop here is bounded, its bound said where it is declared, and answers a refusal of the contract
 * when exhausted.
 */
package dev.storyworld.world.control;

package dev.indexkit.internal.spring;

import dev.indexkit.internal.liquibase.IndexkitLiquibaseConfiguration;
import liquibase.Scope;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Puts {@code indexkit.liquibase.session-lock} into the Liquibase scope of each Spring Liquibase run:
 * Spring's Liquibase migrates in {@link SpringLiquibase#afterPropertiesSet()}, which Spring calls on
 * this thread between the two callbacks below, so the run (and only it) sees the value. Outside
 * those runs, and in other services in the same JVM, the Liquibase setting {@code indexkit.sessionLock}
 * is untouched.
 */
public final class SessionLockPostProcessor implements BeanPostProcessor {

    private static final Logger LOG = Logger.getLogger(SessionLockPostProcessor.class.getName());

    private final boolean sessionLock;
    private final Map<String, String> scopes = new ConcurrentHashMap<>();

    public SessionLockPostProcessor(boolean sessionLock) {
        this.sessionLock = sessionLock;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof SpringLiquibase) {
            try {
                scopes.put(beanName, Scope.enter(Map.of(IndexkitLiquibaseConfiguration.SESSION_LOCK_KEY, sessionLock)));
            } catch (Exception e) {
                throw new BeanInitializationException("indexkit: could not set indexkit.liquibase.session-lock for " + beanName, e);
            }
            LOG.fine(() -> "indexkit: " + beanName + " runs with indexkit.liquibase.session-lock=" + sessionLock);
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        String scope = scopes.remove(beanName);
        if (scope != null) {
            try {
                Scope.exit(scope);
            } catch (Exception e) {
                throw new BeanInitializationException("indexkit: could not leave the Liquibase scope of " + beanName, e);
            }
        }
        return bean;
    }
}

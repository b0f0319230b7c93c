package com.numbering.image;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The image build's training run (docs/operations.md "Build the image and roll out"): the JVM starts the application
 * with {@code spring.context.exit=onRefresh}, the beans are created, Spring exits before any job could run, and the JVM
 * writes what it loaded into the image's CDS archive (Java 25: its AOT cache). The build has no database, so during
 * that run only: Flyway migrates nothing; Spring Batch, which asks the database its product name while building its
 * job repository, is answered "PostgreSQL" without a connection; and every bean is created on its own, so that the
 * few that read the database when created (the tenants table's key, and what needs it) fail alone instead of
 * stopping the training before the rest is loaded. A real run never sets that property, so it migrates, validates
 * its configuration and launches exactly as without this class.
 * <p>
 * An initializer (META-INF/spring.factories) that reads the property when the context starts, not a conditional
 * configuration class: the image runs the build's ahead-of-time bean definitions ({@code process-aot}), where a
 * condition is decided once, at build time, without the training run's properties.
 */
public final class TrainingRun implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private static final String CREATES_EVERY_BEAN = "trainingRunCreatesEveryBean";

    private static final String MIGRATES_NOTHING = "trainingRunMigratesNothing";

    private static final String HAS_NO_DATABASE = "trainingRunHasNoDatabase";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if ("onRefresh".equals(context.getEnvironment().getProperty("spring.context.exit"))) {
            context.addBeanFactoryPostProcessor(new Training());
        }
    }

    private static final class Training implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            FlywayMigrationStrategy migratesNothing = flyway -> {
            };
            registry.registerBeanDefinition(MIGRATES_NOTHING,
                    new RootBeanDefinition(FlywayMigrationStrategy.class, () -> migratesNothing));
            registry.registerBeanDefinition(HAS_NO_DATABASE,
                    new RootBeanDefinition(BeanPostProcessor.class, Training::hasNoDatabase));
        }

        /** Nothing is created by the refresh itself: {@link #createsEveryBean} creates each bean alone. */
        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            for (String name : beanFactory.getBeanDefinitionNames()) {
                beanFactory.getBeanDefinition(name).setLazyInit(true);
            }
            ((BeanDefinitionRegistry) beanFactory).registerBeanDefinition(CREATES_EVERY_BEAN,
                    new RootBeanDefinition(SmartInitializingSingleton.class, () -> createsEveryBean(beanFactory)));
        }

        private static SmartInitializingSingleton createsEveryBean(ConfigurableListableBeanFactory beanFactory) {
            return () -> {
                int created = 0;
                int needDatabase = 0;
                for (String name : beanFactory.getBeanDefinitionNames()) {
                    if (beanFactory.getBeanDefinition(name).isAbstract() || !beanFactory.isSingleton(name)) {
                        continue;
                    }
                    try {
                        beanFactory.getBean(name);
                        created++;
                    }
                    catch (BeansException ex) {
                        needDatabase++;
                        log.debug("Training run: bean {} not created without a database", name, ex);
                    }
                }
                log.info("Training run: {} beans created, {} need a database and were left out", created,
                        needDatabase);
            };
        }

        private static BeanPostProcessor hasNoDatabase() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return (bean instanceof DataSource dataSource) ? new NoDatabase(dataSource) : bean;
                }
            };
        }

    }

    /** Answers metadata as PostgreSQL would; anything else fails, so nothing can quietly run during training. */
    private static final class NoDatabase extends DelegatingDataSource {

        NoDatabase(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() {
            DatabaseMetaData metaData = proxy(DatabaseMetaData.class, "getDatabaseProductName", "PostgreSQL");
            return proxy(Connection.class, "getMetaData", metaData);
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        private static <T> T proxy(Class<T> type, String answered, Object answer) {
            return type.cast(Proxy.newProxyInstance(TrainingRun.class.getClassLoader(), new Class<?>[] { type },
                    (self, method, args) -> switch (method.getName()) {
                        case "close", "isClosed" -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                        case "toString" -> "training run: no database";
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        default -> {
                            if (method.getName().equals(answered)) {
                                yield answer;
                            }
                            throw new UnsupportedOperationException("training run: no database (" + method + ")");
                        }
                    }));
        }

    }

}

package com.numbering.image;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.context.exit", havingValue = "onRefresh")
class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private static final String CREATES_EVERY_BEAN = "trainingRunCreatesEveryBean";

    /** Nothing is created by the refresh itself: {@link #trainingRunCreatesEveryBean} creates each bean alone. */
    @Bean
    static BeanFactoryPostProcessor trainingRunDefersEveryBean() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanDefinitionNames()) {
                if (!name.equals(CREATES_EVERY_BEAN)) {
                    beanFactory.getBeanDefinition(name).setLazyInit(true);
                }
            }
        };
    }

    @Bean(CREATES_EVERY_BEAN)
    static SmartInitializingSingleton trainingRunCreatesEveryBean(ConfigurableListableBeanFactory beanFactory) {
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
            log.info("Training run: {} beans created, {} need a database and were left out", created, needDatabase);
        };
    }

    @Bean
    FlywayMigrationStrategy trainingRunMigratesNothing() {
        return flyway -> {
        };
    }

    @Bean
    static BeanPostProcessor trainingRunHasNoDatabase() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return (bean instanceof DataSource dataSource) ? new NoDatabase(dataSource) : bean;
            }
        };
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

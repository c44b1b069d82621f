package io.polyshop.analytics;

import java.util.Locale;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.polyshop.local.LocalPostgres;
import io.polyshop.local.PostgresServer;
import io.polyshop.local.SharedBackends;
import org.flywaydb.core.Flyway;

/**
 * A fresh orders database (migrated with orders-service's own migrations, read from its
 * source tree: there is no copy to drift) and a fresh warehouse database, both real
 * PostgreSQL 17, for one test.
 */
public final class TestDatabases implements AutoCloseable {

	public final LocalPostgres.Database orders;

	public final LocalPostgres.Database warehouse;

	public final HikariDataSource ordersDataSource;

	public final HikariDataSource warehouseDataSource;

	public TestDatabases() {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
		PostgresServer postgres = SharedBackends.postgresServer();
		this.orders = postgres.createDatabase("orders_" + suffix, "orders_owner", "orders");
		this.warehouse = postgres.createDatabase("warehouse_" + suffix, "warehouse_owner", "warehouse");
		this.ordersDataSource = pool(this.orders);
		this.warehouseDataSource = pool(this.warehouse);
		Flyway.configure()
			.dataSource(this.ordersDataSource)
			.locations("filesystem:../orders-service/src/main/resources/db/migration")
			.load()
			.migrate();
	}

	private static HikariDataSource pool(LocalPostgres.Database database) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(database.jdbcUrl());
		dataSource.setUsername(database.username());
		dataSource.setPassword(database.password());
		dataSource.setMaximumPoolSize(6);
		return dataSource;
	}

	@Override
	public void close() {
		this.ordersDataSource.close();
		this.warehouseDataSource.close();
	}

}

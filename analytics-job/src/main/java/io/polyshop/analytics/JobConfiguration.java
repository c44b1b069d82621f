package io.polyshop.analytics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.analytics.sales.OrdersSource;
import io.polyshop.analytics.sales.SalesLoad;
import io.polyshop.analytics.warehouse.PostgresWarehouse;
import io.polyshop.analytics.warehouse.RedshiftTarget;
import io.polyshop.analytics.warehouse.RedshiftWarehouse;
import io.polyshop.analytics.warehouse.S3Staging;
import io.polyshop.analytics.warehouse.SalesReport;
import io.polyshop.analytics.warehouse.Warehouse;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job's parts: the source, one warehouse per dialect, the load and the report. */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

	/** The orders reader: the extract never loads the writer. */
	@Bean(destroyMethod = "close")
	HikariDataSource sourceDataSource(AnalyticsProperties properties) {
		AnalyticsProperties.Database source = properties.source();
		HikariDataSource dataSource = pool(source.url(), source.username(), source.password(), "analytics-source");
		dataSource.setReadOnly(true);
		return dataSource;
	}

	@Bean
	OrdersSource ordersSource(HikariDataSource sourceDataSource) {
		return new OrdersSource(sourceDataSource);
	}

	@Bean
	SalesLoad salesLoad(OrdersSource source, Warehouse warehouse, AnalyticsProperties properties,
			MeterRegistry meters) {
		return new SalesLoad(source, warehouse, properties.progressInterval(), meters);
	}

	@Bean
	SalesReport salesReport(Warehouse warehouse) {
		return new SalesReport(warehouse);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "polyshop.analytics.warehouse.dialect", havingValue = "postgresql",
			matchIfMissing = true)
	static class PostgresqlWarehouseConfiguration {

		@Bean(destroyMethod = "close")
		HikariDataSource warehouseDataSource(AnalyticsProperties properties) {
			AnalyticsProperties.WarehouseDatabase jdbc = properties.warehouse().jdbc();
			return pool(jdbc.url(), jdbc.username(), jdbc.password(), "analytics-warehouse");
		}

		@Bean
		Warehouse warehouse(HikariDataSource warehouseDataSource) {
			return new PostgresWarehouse(warehouseDataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "polyshop.analytics.warehouse.dialect", havingValue = "redshift")
	static class RedshiftWarehouseConfiguration {

		@Bean
		Warehouse warehouse(AnalyticsProperties properties) {
			AnalyticsProperties.Redshift redshift = properties.warehouse().redshift();
			var s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
			var data = RedshiftDataClient.builder().httpClient(UrlConnectionHttpClient.create());
			if (redshift.region() != null) {
				s3.region(Region.of(redshift.region()));
				data.region(Region.of(redshift.region()));
			}
			if (redshift.s3Endpoint() != null) {
				s3.endpointOverride(redshift.s3Endpoint()).forcePathStyle(true);
			}
			String bucket = required(redshift.bucket(), "bucket");
			return new RedshiftWarehouse(data.build(), new S3Staging(s3.build(), bucket, redshift.prefix()),
					new RedshiftTarget(redshift.workgroup(), redshift.database(), redshift.secretArn(),
							required(redshift.iamRole(), "iam-role"), redshift.region()));
		}

		/** The Redshift dialect cannot run without it: say which setting is missing. */
		private static String required(@Nullable String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalStateException(
						"polyshop.analytics.warehouse.redshift." + name + " is required with the redshift dialect");
			}
			return value;
		}

	}

	private static HikariDataSource pool(String url, String username, String password, String name) {
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(url)
			.username(username)
			.password(password)
			.build();
		dataSource.setPoolName(name);
		dataSource.setMaximumPoolSize(3);
		dataSource.setConnectionTimeout(5000);
		return dataSource;
	}

}

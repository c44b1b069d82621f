package io.polyshop.analytics.warehouse;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redshift path as far as this machine allows: files staged into an S3 emulator
 * (S3Proxy, in-process) and read back through the manifest, and the SQL Redshift would
 * run, checked as text. No Redshift here to execute it.
 */
class RedshiftStagingTests {

	private static S3Proxy proxy;

	private static S3Client s3;

	@BeforeAll
	static void startS3() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		proxy = S3Proxy.builder()
			.blobStore(new TransientNio2BlobStore())
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "identity", "credential")
			.build();
		proxy.start();
		await().until(proxy::getState, (state) -> "STARTED".equals(state));
		s3 = S3Client.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + port))
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("identity", "credential")))
			.build();
		s3.createBucket((bucket) -> bucket.bucket("polyshop-staging"));
	}

	@AfterAll
	static void stopS3() throws Exception {
		s3.close();
		proxy.stop();
	}

	@Test
	void stagesGzipCsvAndAManifestThatPointsAtExactlyThisRunsFile() throws Exception {
		Path csv = Files.createTempFile("sales", ".csv");
		String rows = "3f2a...,1,2026-10-01T10:00:00Z,\"c\",\"SKU-1\",\"A \"\"quoted\"\", name\",\"t\",2,10.25,20.50,USD,PAID\n";
		Files.writeString(csv, rows);

		String manifestUrl = new S3Staging(s3, "polyshop-staging", "sales-staging").stage(csv, "run-1");

		assertThat(manifestUrl).isEqualTo("s3://polyshop-staging/sales-staging/run-1/manifest.json");
		String manifest = s3
			.getObjectAsBytes((get) -> get.bucket("polyshop-staging").key("sales-staging/run-1/manifest.json"))
			.asUtf8String();
		assertThat(manifest).contains("\"url\": \"s3://polyshop-staging/sales-staging/run-1/part-0000.csv.gz\"",
				"\"mandatory\": true");
		byte[] gzip = s3
			.getObjectAsBytes((get) -> get.bucket("polyshop-staging").key("sales-staging/run-1/part-0000.csv.gz"))
			.asByteArray();
		assertThat(manifest).contains("\"content_length\": " + gzip.length);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(rows);
		}
	}

	@Test
	void theLoadIsOneTransactionThatLocksCopiesFromTheManifestMergesAndAdvancesTheWatermark() {
		List<String> sql = RedshiftSql.load("s3://b/p/run-1/manifest.json",
				"arn:aws:iam::123456789012:role/polyshop-redshift-copy", "eu-west-1", 4711);
		assertThat(sql.get(RedshiftSql.FACT_MERGE)).as("the statement whose row count is the load's")
			.startsWith("merge into fact_sales");

		assertThat(sql.getFirst()).isEqualTo("lock etl_watermark");
		assertThat(sql).anySatisfy((statement) -> assertThat(statement)
			.isEqualTo("copy stage_sales (order_id, line_no, ordered_at, customer_id, sku, name, category, quantity, "
					+ "unit_price, revenue, currency, order_status) from 's3://b/p/run-1/manifest.json' "
					+ "iam_role 'arn:aws:iam::123456789012:role/polyshop-redshift-copy' region 'eu-west-1' "
					+ "manifest format as csv gzip timeformat 'auto'"));
		assertThat(sql)
			.anySatisfy((statement) -> assertThat(statement).startsWith("merge into fact_sales using stage_sales s")
				.contains("on fact_sales.order_id = s.order_id and fact_sales.line_no = s.line_no",
						"when matched then update", "when not matched then insert"));
		assertThat(sql.getLast()).contains("source_xmin = greatest(source_xmin, 4711)");
	}

	@Test
	void theRedshiftDdlDistributesAndSortsForTheReports() {
		List<String> ddl = RedshiftWarehouse.ddl();

		assertThat(ddl)
			.anySatisfy((statement) -> assertThat(statement).contains("create table if not exists fact_sales")
				.contains("distkey (order_id)", "compound sortkey (date_key, sku)"));
		assertThat(ddl)
			.anySatisfy((statement) -> assertThat(statement).contains("create table if not exists dim_product")
				.contains("diststyle all"));
		assertThat(ddl)
			.anySatisfy((statement) -> assertThat(statement).contains("create or replace view sales_by_day"));
	}

}

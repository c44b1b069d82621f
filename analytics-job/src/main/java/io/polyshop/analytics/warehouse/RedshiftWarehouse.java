package io.polyshop.analytics.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

/**
 * The warehouse on Redshift Serverless, through the Redshift Data API (no JDBC driver, no
 * connection to keep: IAM-authenticated HTTPS calls). A load stages gzip CSV and a
 * manifest in S3 ({@link S3Staging}) and runs {@link RedshiftSql#load} as one
 * BatchExecuteStatement, which Redshift executes as a single transaction. Redshift has no
 * advisory locks: {@code LOCK etl_watermark} inside that transaction serialises runs, and
 * a second concurrent run merges the same rows again, which changes nothing.
 */
public class RedshiftWarehouse implements Warehouse {

	private final RedshiftDataClient data;

	private final S3Staging staging;

	private final RedshiftTarget settings;

	public RedshiftWarehouse(RedshiftDataClient data, S3Staging staging, RedshiftTarget settings) {
		this.data = data;
		this.staging = staging;
		this.settings = settings;
	}

	@Override
	public void prepare() {
		List<String> statements = new ArrayList<>(ddl());
		statements.add(RedshiftSql.SEED_WATERMARK);
		runBatch(statements);
	}

	@Override
	public Optional<Lock> tryLock() {
		return Optional.of(() -> {
		});
	}

	@Override
	public long watermark() {
		List<Map<String, @Nullable Object>> rows = query(RedshiftSql.WATERMARK);
		return rows.isEmpty() ? 0
				: ((Number) Objects.requireNonNull(rows.getFirst().get("source_xmin"), "watermark")).longValue();
	}

	@Override
	public Staged stage(Path csv, String runId) {
		String manifest = this.staging.stage(csv, runId);
		try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
			return new Staged(lines.count(), manifest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public long mergeAndAdvance(Staged staged, long newWatermark) {
		String id = runBatch(RedshiftSql.load(staged.location(), this.settings.iamRole(), region(), newWatermark));
		DescribeStatementResponse described = this.data.describeStatement((describe) -> describe.id(id));
		// The sub-statements answer in the order they were sent.
		return described.subStatements().get(RedshiftSql.FACT_MERGE).resultRows();
	}

	@Override
	public List<Map<String, @Nullable Object>> query(String sql) {
		String id = this.data
			.executeStatement((execute) -> execute.workgroupName(this.settings.workgroup())
				.database(this.settings.database())
				.secretArn(this.settings.secretArn())
				.sql(sql))
			.id();
		await(id);
		GetStatementResultResponse result = this.data.getStatementResult((get) -> get.id(id));
		List<String> names = result.columnMetadata().stream().map(ColumnMetadata::name).toList();
		List<Map<String, @Nullable Object>> rows = new ArrayList<>();
		for (List<Field> record : result.records()) {
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				Field field = record.get(i);
				row.put(names.get(i), (field.longValue() != null) ? field.longValue()
						: (field.doubleValue() != null) ? field.doubleValue() : field.stringValue());
			}
			rows.add(row);
		}
		return rows;
	}

	private String runBatch(List<String> statements) {
		String id = this.data
			.batchExecuteStatement((batch) -> batch.workgroupName(this.settings.workgroup())
				.database(this.settings.database())
				.secretArn(this.settings.secretArn())
				.sqls(statements))
			.id();
		await(id);
		return id;
	}

	/** The Data API is asynchronous: poll until the statement finishes. */
	private void await(String id) {
		Duration pause = Duration.ofMillis(200);
		while (true) {
			DescribeStatementResponse statement = this.data.describeStatement((describe) -> describe.id(id));
			StatusString status = statement.status();
			if (status == StatusString.FINISHED) {
				return;
			}
			if (status == StatusString.FAILED || status == StatusString.ABORTED) {
				throw new IllegalStateException("Redshift statement " + id + " " + status + ": " + statement.error());
			}
			LockSupport.parkNanos(pause.toNanos());
			pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
					: pause.multipliedBy(2);
		}
	}

	private String region() {
		return (this.settings.region() != null) ? this.settings.region() : "us-east-1";
	}

	/** The Redshift DDL file, split into statements. */
	static List<String> ddl() {
		try (var in = RedshiftWarehouse.class.getResourceAsStream("/db/warehouse/redshift/V1__star_schema.sql")) {
			String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
			return Arrays.stream(sql.split(";"))
				.map(String::strip)
				.filter((statement) -> !statement.isEmpty())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.polyshop.analytics.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Stages a run's rows for Redshift's COPY: the CSV gzipped into S3 under
 * {@code prefix/runId/}, plus a manifest listing exactly that file, so COPY reads this
 * run's data and nothing a half-finished earlier run left behind. The bucket's lifecycle
 * rule expires old runs.
 */
public class S3Staging {

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	public S3Staging(S3Client s3, String bucket, String prefix) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
	}

	/**
	 * @return the manifest's s3:// URL
	 */
	public String stage(Path csv, String runId) {
		String dataKey = this.prefix + runId + "/part-0000.csv.gz";
		String manifestKey = this.prefix + runId + "/manifest.json";
		try {
			Path gzip = Files.createTempFile("sales-" + runId, ".csv.gz");
			try {
				try (InputStream in = Files.newInputStream(csv);
						OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
					in.transferTo(out);
				}
				long length = Files.size(gzip);
				this.s3.putObject((put) -> put.bucket(this.bucket).key(dataKey).contentType("application/gzip"),
						RequestBody.fromFile(gzip));
				String manifest = """
						{"entries": [{"url": "s3://%s/%s", "mandatory": true, "meta": {"content_length": %d}}]}"""
					.formatted(this.bucket, dataKey, length);
				this.s3.putObject((put) -> put.bucket(this.bucket).key(manifestKey).contentType("application/json"),
						RequestBody.fromString(manifest, StandardCharsets.UTF_8));
				return "s3://" + this.bucket + "/" + manifestKey;
			}
			finally {
				Files.deleteIfExists(gzip);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stage " + csv, ex);
		}
	}

}

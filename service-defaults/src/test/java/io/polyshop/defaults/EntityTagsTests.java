package io.polyshop.defaults;

import io.polyshop.defaults.http.EntityTags;
import io.polyshop.defaults.http.PreconditionFailedException;
import io.polyshop.defaults.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EntityTagsTests {

	@Test
	void theVersionIsTheETag() {
		assertThat(EntityTags.of(7)).isEqualTo("7");
	}

	@Test
	void ifMatchNamesAVersionOrAnyVersion() {
		assertThat(EntityTags.ifMatchVersion("\"7\"", "a thing")).isEqualTo(7L);
		assertThat(EntityTags.ifMatchVersion(null, "a thing")).isNull();
		assertThat(EntityTags.ifMatchVersion(" ", "a thing")).isNull();
		assertThat(EntityTags.ifMatchVersion("*", "a thing")).isNull();
	}

	@Test
	void aWeakTagNeverMatchesForAWrite() {
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> EntityTags.ifMatchVersion("W/\"7\"", "a thing"));
	}

	@Test
	void aMalformedIfMatchIsInvalidInputNamingTheHeader() {
		for (String malformed : new String[] { "7", "\"7", "\"\"", "\"7\", \"8\"" }) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> EntityTags.ifMatchVersion(malformed, "a thing"));
		}
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> EntityTags.ifMatchVersion("\"seven\"", "a thing, such as \"3\""))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("If-Match"));
	}

	@Test
	void digestsAreHexSha256() {
		assertThat(Digests.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Digests.sha256Hex("abc", 4)).isEqualTo("ba7816bf");
	}

}

package io.polyshop.local;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code ./polyshop token --user NAME [--scope "S ..."]} or
 * {@code ./polyshop token --client NAME [--scope S]}: prints only an access token from
 * the running stack's issuer, obtained the way a real client would (see
 * {@link TokenClient}). For example:
 *
 * <pre>
 * curl -H "Authorization: Bearer $(./polyshop token --user alice)" http://localhost:8083/orders
 * </pre>
 */
public final class Token {

	/** What a user's token asks for: the issuer grants staff scopes to staff only. */
	static final String USER_SCOPES = "openid profile catalog:write orders:fulfil insights:read";

	static final String CLIENT_SCOPES = "orders:place";

	private static final String USAGE = "usage: ./polyshop token --user alice|bob|ops [--scope \"...\"]"
			+ " | --client session-service [--scope ...]";

	private Token() {
	}

	public static void main(String[] args) {
		try {
			System.out.println(token(List.of(args),
					Path.of(System.getProperty("polyshop.root", ".")).resolve(".polyshop").resolve(Credentials.FILE)));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println("polyshop token: " + ex.getMessage());
			System.exit(2);
		}
	}

	static String token(List<String> args, Path credentialsFile) {
		String user = option(args, "--user");
		String client = option(args, "--client");
		String scope = option(args, "--scope");
		if ((user == null) == (client == null)) {
			throw new IllegalArgumentException(USAGE);
		}
		Credentials credentials = Credentials.read(credentialsFile);
		TokenClient tokens = new TokenClient(credentials.issuer());
		if (user != null) {
			return tokens.userToken(user, credentials.password(user), (scope != null) ? scope : USER_SCOPES);
		}
		if (client == null) {
			throw new IllegalArgumentException(USAGE);
		}
		return tokens.clientToken(client, credentials.secret(client), (scope != null) ? scope : CLIENT_SCOPES);
	}

	private static @Nullable String option(List<String> args, String name) {
		int index = args.indexOf(name);
		if (index < 0) {
			return null;
		}
		if (index + 1 >= args.size()) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args.get(index + 1);
	}

}

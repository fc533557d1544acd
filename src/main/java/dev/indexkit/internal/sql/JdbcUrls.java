package dev.indexkit.internal.sql;

import java.util.regex.Pattern;

/** JDBC URLs as indexkit prints or logs them: never with a password in them. */
public final class JdbcUrls {

    /** {@code password=...} (or {@code sslpassword=...}) up to the next {@code &}, {@code ;} or the end. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)((?:ssl)?password=)[^&;]*");
    /** {@code scheme://user:secret@host}: the userinfo form some drivers accept. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/:@?]*:)[^@/?]*@");

    private JdbcUrls() {
    }

    /** The URL with every password replaced by {@code ***}; text without one comes back unchanged. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
        return USERINFO_PASSWORD.matcher(out).replaceAll("$1***@");
    }
}

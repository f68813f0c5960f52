/** Python's tomllib (and tomlkit) read TOML 1.0: files Python tools read are parsed as 1.0. */
export const PYTHON_TOML = { tomlVersion: '1.0' } as const;

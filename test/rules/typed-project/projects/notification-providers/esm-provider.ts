// The same helper in an ES module written in TypeScript, imported as `./provider-base.js`.
export interface RequestConfig {
  headers?: Record<string, string>;
  timeout?: number;
  proxy?: false;
}

export class Provider {
  protected withProxy(config: RequestConfig = {}): RequestConfig {
    if (process.env.NOTIFICATION_PROXY) config.proxy = false;
    return config;
  }

  protected withDefaults(config: RequestConfig = {}): RequestConfig {
    return { ...config, timeout: 5000 };
  }
}

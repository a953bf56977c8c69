import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyContentSecurityPolicy,
  CONTENT_SECURITY_POLICY,
  withSecurityHeaders,
} from '../../electron/shell/csp';
import { FakeSession, resetStandIn } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in').then((module) => module.electronModule));

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((directive) => {
    const [name = '', ...values] = directive.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe('the Content-Security-Policy', () => {
  it('allows only the app itself by default', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, frames, base changes and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('lets nothing connect beyond the app origin', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('applying the policy to responses', () => {
  beforeEach(resetStandIn);

  it('adds the policy to every response the session receives', () => {
    const session = new FakeSession();
    applyContentSecurityPolicy(session as never);
    let headers: Record<string, string[]> | undefined;

    session.headersListener?.(
      { url: 'app://control-room/index.html', responseHeaders: {} },
      (r) => {
        headers = r.responseHeaders;
      },
    );

    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers?.['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('replaces a weaker policy a response brought, whatever its header case', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ["default-src * 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });

    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});

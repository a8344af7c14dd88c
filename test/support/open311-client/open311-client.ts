import { readOpen311Xml } from './xml-documents';

/**
 * A small Open311 GeoReport v2 client, written from the spec (wiki.open311.org/GeoReport_v2)
 * alone and kept apart from the server's code: it knows the resources, their arguments and the
 * two formats, nothing of Cityloop. Every answer is handed to `inspect` (the tests check each
 * against the spec's JSON schemas there).
 */
export type Format = 'json' | 'xml';

/** What a document is, by the resource that answered it (errors whenever the status is not 2xx). */
export type DocumentKind =
  'discovery' | 'services' | 'service_definition' | 'service_requests' | 'created' | 'token' | 'errors';

export interface Open311Answer<T = unknown> {
  status: number;
  contentType: string;
  headers: Headers;
  kind: DocumentKind;
  /** The body as sent. */
  text: string;
  /** The body as the JSON document: JSON parsed, or XML read into the same shape. */
  document: T;
  /** For XML, the root element's name. */
  root?: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
}

export interface CreatedRequest {
  service_request_id?: string;
  token?: string;
  service_notice?: string;
}

/**
 * POST requests' arguments as the spec names them: api_key, service_code, lat, long,
 * attribute[x]... (in a JSON body, "attribute" may also be an object of codes and values).
 */
export type RequestArguments = Record<string, string | string[] | Record<string, string>>;

export interface CreateOptions {
  /** Form-encoded, as the spec says (default), or JSON. */
  encoding?: 'form' | 'json';
  /** Where the api_key goes: with the other arguments (default) or in the query string. */
  apiKeyIn?: 'body' | 'query';
  headers?: Record<string, string>;
}

export class Open311Client {
  /**
   * @param endpoint the endpoint's url, as discovery gives it (…/open311/v2)
   * @param format the format asked of every resource
   */
  constructor(
    readonly endpoint: string,
    readonly format: Format,
    private readonly inspect: (answer: Open311Answer) => void = () => undefined,
  ) {}

  withFormat(format: Format): Open311Client {
    return new Open311Client(this.endpoint, format, this.inspect);
  }

  discovery() {
    return this.get<Record<string, unknown>>('discovery', 'discovery');
  }

  services(args: Record<string, string> = {}) {
    return this.get<Record<string, unknown>[]>('services', 'services', args);
  }

  serviceDefinition(serviceCode: string, args: Record<string, string> = {}) {
    return this.get<Record<string, unknown>>(
      `services/${encodeURIComponent(serviceCode)}`,
      'service_definition',
      args,
    );
  }

  /** GET requests: service_request_id, service_code, start_date, end_date, status, jurisdiction_id. */
  requests(args: Record<string, string> = {}) {
    return this.get<ServiceRequest[]>('requests', 'service_requests', args);
  }

  request(serviceRequestId: string) {
    return this.get<ServiceRequest[]>(`requests/${encodeURIComponent(serviceRequestId)}`, 'service_requests');
  }

  token(token: string) {
    return this.get<{ service_request_id: string; token: string }[]>(
      `tokens/${encodeURIComponent(token)}`,
      'token',
    );
  }

  /** POST requests. */
  async createRequest(args: RequestArguments, options: CreateOptions = {}) {
    const { api_key: apiKey, ...rest } = args;
    const inQuery = options.apiKeyIn === 'query' && typeof apiKey === 'string';
    const body = inQuery ? rest : args;
    const query = inQuery ? `?${new URLSearchParams({ api_key: apiKey }).toString()}` : '';
    let payload: string;
    let contentType: string;
    if (options.encoding === 'json') {
      payload = JSON.stringify(body);
      contentType = 'application/json';
    } else {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body)) {
        if (typeof value === 'object' && !Array.isArray(value)) {
          for (const [code, one] of Object.entries(value)) form.append(`${name}[${code}]`, one);
        } else {
          for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
        }
      }
      payload = form.toString();
      contentType = 'application/x-www-form-urlencoded; charset=utf-8';
    }
    const response = await fetch(`${this.endpoint}/requests.${this.format}${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...options.headers },
      body: payload,
    });
    return this.answer<CreatedRequest[]>(response, 'created');
  }

  private async get<T>(resource: string, kind: DocumentKind, args: Record<string, string> = {}) {
    const query = Object.keys(args).length > 0 ? `?${new URLSearchParams(args).toString()}` : '';
    return this.answer<T>(await fetch(`${this.endpoint}/${resource}.${this.format}${query}`), kind);
  }

  private async answer<T>(response: Response, kind: DocumentKind): Promise<Open311Answer<T>> {
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const answer: Open311Answer = {
      status: response.status,
      contentType,
      headers: response.headers,
      kind: response.ok ? kind : 'errors',
      text,
      document: undefined,
    };
    if (this.format === 'json') {
      answer.document = JSON.parse(text);
    } else {
      const { root, document } = readOpen311Xml(text);
      answer.root = root;
      answer.document = document;
    }
    this.inspect(answer);
    return answer as Open311Answer<T>;
  }
}

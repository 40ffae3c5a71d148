import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../../store/catalog/index.js';

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** A Relay connection type `<name>Connection` with edges `<name>Edge` over `Node`. */
export function ConnectionType<T extends object>(name: string, Node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  // Not in the schema itself: only the concrete subclasses are referenced.
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount: number;

    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionClass;
}

/**
 * Turns a store page into a connection, mapping each row to its GraphQL object. Cursors are
 * getters: graphql-js reads a field only when the query selects it, so a page whose `cursor` /
 * `endCursor` is not asked for encodes none, and `endCursor` alone encodes one.
 */
export function connectionFromPage<Row, T>(page: Page<Row>, toNode: (row: Row) => T): Connection<T> {
  const edges = new Array<Edge<T>>(page.rows.length);
  for (let i = 0; i < edges.length; i++) edges[i] = new PageEdge(page, i, toNode(page.rows[i]!));
  return { totalCount: page.totalCount, edges, pageInfo: new PageInfoOf(page) };
}

class PageEdge<T> implements Edge<T> {
  constructor(
    private readonly page: Page<unknown>,
    private readonly index: number,
    readonly node: T,
  ) {}

  get cursor(): string {
    return this.page.cursorAt(this.index);
  }
}

class PageInfoOf implements PageInfo {
  readonly hasNextPage: boolean;

  constructor(private readonly page: Page<unknown>) {
    this.hasNextPage = page.hasNextPage;
  }

  get endCursor(): string | null {
    return this.page.rows.length ? this.page.cursorAt(this.page.rows.length - 1) : null;
  }
}

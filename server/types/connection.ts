import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../../store/types.js';

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

/** Turns a store page into a connection, mapping each row to its GraphQL object. */
export function connectionFromPage<Row, T>(page: Page<Row>, toNode: (row: Row) => T): Connection<T> {
  return {
    totalCount: page.totalCount,
    edges: page.rows.map((row, i) => ({ cursor: page.cursors[i]!, node: toNode(row) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
  };
}

// The peer for bench/server.ts: a bare Apollo Server 5 hello-world (startStandaloneServer, no
// plugins, no data) in its own process. Prints `LISTENING <url> <pid>`.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
console.log(`LISTENING ${url.replace(/\/$/, '')} ${process.pid}`);

import Layout from '@theme/Layout';

export default function Home() {
  return (
    <Layout title="Home" description="EDF Living Docs">
      <main className="container margin-vert--lg">
        <h1>EDF Living Docs</h1>
      </main>
    </Layout>
  );
}

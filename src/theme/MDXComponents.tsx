// Makes the living-docs components available in every MDX page without an import.
import MDXComponents from '@theme-original/MDXComponents';
import Runbook from '@site/src/components/Runbook';
import VerificationTable from '@site/src/components/VerificationTable';

export default {...MDXComponents, Runbook, VerificationTable};

// The units of analysis (country, regions, borders…), with the spellings sources use for them.
// Built on @tanstack/react-table so sorting and filtering can come later without a rewrite.
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { Unit } from '../../../electron/api/contract';

const column = createColumnHelper<Unit>();

const columns = [
  column.accessor('name', { header: 'Name' }),
  column.accessor('kind', { header: 'Kind' }),
  column.accessor((unit) => unit.aliases.join(', '), { id: 'aliases', header: 'Aliases' }),
  column.accessor((unit) => (unit.inMatrix ? 'yes' : 'no'), { id: 'inMatrix', header: 'In matrix' }),
];

export function UnitsTable({ units }: { units: Unit[] }) {
  const table = useReactTable({ data: units, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <section aria-labelledby="units-heading" className="framework-section">
      <h3 id="units-heading">Units of analysis</h3>
      {units.length === 0 ? (
        <p className="quiet">This framework has no units of analysis yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            {/* Names the table for screen readers; sighted readers have the heading just above. */}
            <caption className="visually-hidden">Units of analysis</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col">
                      {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    // The unit's name heads its row, so screen readers announce it with each cell.
                    return cell.column.id === 'name' ? (
                      <th key={cell.id} scope="row">
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id}>{content}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

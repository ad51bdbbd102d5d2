// Each dimension with the question it answers and the levels it is assessed at.
import type { Dimension } from '../../../electron/api/contract';
import { levelsByRank } from '../../../electron/framework/outcome-grid';

export function DimensionList({ dimensions }: { dimensions: Dimension[] }) {
  return (
    <section aria-labelledby="dimensions-heading" className="framework-section">
      <h3 id="dimensions-heading">Dimensions</h3>
      {dimensions.length === 0 ? (
        <p className="quiet">This framework has no dimensions yet.</p>
      ) : (
        <ul className="dimension-list">
          {dimensions.map((dimension) => (
            <li key={dimension.id} className="dimension">
              <h4>{dimension.name}</h4>
              <p>{dimension.question}</p>
              <p className="levels">
                Levels:{' '}
                {levelsByRank(dimension)
                  .map((level) => level.name)
                  .join(', ')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
